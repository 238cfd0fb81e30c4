/**
 * Remembers class-validator's answer to "which rules apply to this class?".
 *
 * Why: on every `validateSync` call, and again for each nested object, class-validator's
 * `getTargetValidationMetadatas` filters the rules of the class and tests it against every
 * registered class to find inherited rules (typestack/class-validator#2686, open). An event with
 * five ratings pays for that seven times per request. The answer changes only when rules are
 * registered, which happens when decorated classes load, so it is remembered per class and per
 * argument combination, and forgotten whenever a rule is registered.
 */
import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type ValidationMetadata = ReturnType<Lookup>[number];

const INSTALLED = Symbol.for('tacu.validationMetadataCache');

/** Installs the cache on class-validator's storage (the global one by default); idempotent. */
export function rememberValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const target = storage as MetadataStorage & { [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let cache = new WeakMap<object, Map<string, ValidationMetadata[]>>();

  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    // A schema name validates against registered schemas, not a class: not remembered.
    if (typeof targetConstructor !== 'function') return lookup(targetConstructor, targetSchema, always, strictGroups, groups);
    const key = JSON.stringify([targetSchema ?? null, always, strictGroups, groups ?? []]);
    let perClass = cache.get(targetConstructor);
    if (!perClass) cache.set(targetConstructor, (perClass = new Map()));
    let rules = perClass.get(key);
    if (!rules) {
      // Frozen: every caller gets the same list, so none may change it.
      rules = Object.freeze(lookup(targetConstructor, targetSchema, always, strictGroups, groups)) as ValidationMetadata[];
      perClass.set(key, rules);
    }
    return rules;
  };
  // addValidationSchema registers through this method too.
  storage.addValidationMetadata = (metadata) => {
    cache = new WeakMap();
    register(metadata);
  };
  target[INSTALLED] = true;
}
