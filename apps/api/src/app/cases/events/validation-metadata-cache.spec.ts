import 'reflect-metadata';
import { IsInt, IsString, MetadataStorage, getMetadataStorage, registerDecorator, validateSync } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-cache';
import { EVENT_DTOS } from './index';
import { CASE_EVENT_TYPES } from '@tacu/domain';

const problemsOf = (value: object) => validateSync(value).flatMap((e) => Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`));

describe('rememberValidationMetadata', () => {
  it('is installed on the global storage by the validation module, and answers what class-validator answers', () => {
    const storage = getMetadataStorage();
    const fresh = new MetadataStorage();
    // The same rules registered in a storage without the cache.
    for (const type of CASE_EVENT_TYPES) {
      for (const rule of storage.getTargetValidationMetadatas(EVENT_DTOS[type], '', false, false)) fresh.addValidationMetadata(rule);
    }
    for (const type of CASE_EVENT_TYPES) {
      const remembered = storage.getTargetValidationMetadatas(EVENT_DTOS[type], '', false, false);
      expect(remembered).toEqual(fresh.getTargetValidationMetadatas(EVENT_DTOS[type], '', false, false));
      expect(remembered.length).toBeGreaterThan(0);
      // Asked again: the same remembered list, which nobody may change.
      expect(storage.getTargetValidationMetadatas(EVENT_DTOS[type], '', false, false)).toBe(remembered);
      expect(Object.isFrozen(remembered)).toBe(true);
    }
  });

  it('keeps groups apart: rules of another group are not remembered for this one', () => {
    class Grouped {
      @IsString({ groups: ['a'] })
      name: unknown = 1;

      @IsInt({ groups: ['b'] })
      count: unknown = 'x';
    }
    expect(validateSync(new Grouped(), { groups: ['a'] }).map((e) => e.property)).toEqual(['name']);
    expect(validateSync(new Grouped(), { groups: ['b'] }).map((e) => e.property)).toEqual(['count']);
    expect(validateSync(new Grouped(), { groups: ['a'] }).map((e) => e.property)).toEqual(['name']);
  });

  it('forgets a class’s rules when a rule is registered for it later', () => {
    class Later {
      @IsString()
      name: unknown = 'Aoife';

      age: unknown = 'seven';
    }
    expect(problemsOf(new Later())).toEqual([]);
    registerDecorator({ name: 'isWholeAge', target: Later, propertyName: 'age', validator: { validate: (value: unknown) => Number.isInteger(value) } });
    expect(problemsOf(new Later())).toEqual(['age:isWholeAge']);
  });

  it('finds the rules of a parent class for a subclass declared after the parent was validated', () => {
    class Parent {
      @IsString()
      name: unknown = 5;
    }
    expect(problemsOf(new Parent())).toEqual(['name:isString']);
    class Child extends Parent {
      @IsInt()
      age: unknown = 'seven';
    }
    expect(problemsOf(new Child()).sort()).toEqual(['age:isInt', 'name:isString']);
  });

  it('installs once: a second call does not wrap the lookup again', () => {
    const storage = new MetadataStorage();
    rememberValidationMetadata(storage);
    const lookup = storage.getTargetValidationMetadatas;
    rememberValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
