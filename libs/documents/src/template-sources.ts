/**
 * Reading the templates folder: every `.hbs` template, layout and partial and every locale file,
 * each from the organisation's override folder when it has the same relative path there (an
 * override folder may also add partials). Paths are relative, with `/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One source file as the renderer uses it. */
export interface SourceFile {
  /** Relative to the folder it came from: `actionPlan/family.en.hbs`, `partials/sign-off.hbs`, `locales/ga.json`. */
  path: string;
  /** Where it came from, for error messages: `templates/actionPlan/family.en.hbs` or the override folder's path. */
  shownAs: string;
  text: string;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.hbs') || name.endsWith('.json')) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Every source of `templatesDir`, each replaced by the file of the same path in `overrideDir`
 * when there is one, plus the override folder's own new files; sorted by path. Throws when a
 * folder does not exist.
 */
export function readSources(templatesDir: string, overrideDir?: string): SourceFile[] {
  if (!existsSync(templatesDir)) throw new Error(`The templates folder ${templatesDir} does not exist.`);
  if (overrideDir !== undefined && !existsSync(overrideDir)) throw new Error(`The template override folder ${overrideDir} does not exist.`);
  const byPath = new Map<string, SourceFile>();
  const add = (dir: string, label: string) => {
    for (const path of filesUnder(dir)) byPath.set(path, { path, shownAs: `${label}/${path}`, text: readFileSync(join(dir, path), 'utf8') });
  };
  add(templatesDir, 'templates');
  if (overrideDir !== undefined) add(overrideDir, overrideDir);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
