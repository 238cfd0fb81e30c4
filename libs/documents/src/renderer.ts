/**
 * The document renderer: every template of `templates/` (and of an organisation's override
 * folder) compiled once, checked at start-up, then rendered purely: (kind, audience, locale) and a
 * view model → HTML. Rendering reads no clock and no file; the same input gives the same HTML.
 *
 * Layout of the templates folder (see libs/documents/README.md):
 * - `<kind>/<audience>.<locale>.hbs`: a document (`actionPlan/family.en.hbs`). The English template
 *   is required; a locale without its own template uses the English one with its own wording.
 * - `layouts/*.hbs`, `partials/*.hbs`: partials, called by their path (`{{> partials/sign-off}}`).
 * - `locales/<locale>.json`: the fixed wording (`en` complete; others fall back to it key by key).
 *
 * At start-up every file is parsed, every partial and wording a template names must exist, and
 * every (kind, audience, locale) is rendered with its fixture in Handlebars' strict mode (a field
 * the view model lacks is an error): a failure throws DocumentTemplateError naming the file and
 * the line. Renders then run in the lenient mode (the check has already run).
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { AnyViewModel, ViewModels } from './build';
import { DocumentTemplateError, type LocatedError } from './errors';
import { FIXTURES } from './fixtures';
import { KNOWN_HELPERS, registerHelpers, type RenderData } from './helpers';
import { allDocumentKeys, AUDIENCES_OF, isDocumentKind, keyName, LOCALES, type Audience, type DocumentKey, type DocumentKind, type Locale } from './kinds';
import { refsOf, type TemplateProgram, type TemplateRefs } from './template-ast';
import { readSources, type SourceFile } from './template-sources';
import { flattenLocale, LocaleFileError, WordingTable } from './wording';

/**
 * Changes whenever the helpers change what they print, so a template version names the code that
 * rendered as well as the sources.
 */
export const RENDERER_VERSION = 'tacu-documents-1';

export interface DocumentRendererOptions {
  /** The templates folder (the repository's `templates/`). */
  templatesDir: string;
  /** An organisation's folder of templates, partials or locale files replacing (or adding to) those of `templatesDir`, by relative path. */
  overrideDir?: string;
  /** The view models each template is checked against at start-up (default: the built-in fixtures). */
  fixtures?: Readonly<ViewModels>;
}

/** A typed key: the view model must be the kind's. */
export interface TypedDocumentKey<K extends DocumentKind> extends DocumentKey {
  kind: K;
}

export interface DocumentRenderer {
  /**
   * The HTML of a document (a whole page: `<!DOCTYPE html>`, `lang` set to the locale). Pure.
   * Throws for a kind, audience or locale without a template.
   */
  render<K extends DocumentKind>(key: TypedDocumentKey<K>, viewModel: ViewModels[K]): string;
  /**
   * The version of the templates a document is rendered with: the SHA-256 (hex) of the renderer
   * version, its template, every layout and partial it calls, and the locale files it reads. The
   * engine stores it beside the document.
   */
  templateVersion(key: DocumentKey): string;
  /** The file a document is rendered from (`templates/actionPlan/family.en.hbs`, or an override's path). */
  templateFile(key: DocumentKey): string;
  /** English wording keys the locale lacks (they fall back to English), in file order. */
  missingWording(locale: Locale): string[];
  /**
   * The fixed wording (English) a document's template and its partials name: each `t` key, and
   * every wording of each `word` namespace. For the readability test.
   */
  wordingUsedBy(key: DocumentKey): string[];
}

interface CompiledSource {
  file: SourceFile;
  program: TemplateProgram;
  refs: TemplateRefs;
}

type Template = (context: unknown, options?: { data?: RenderData }) => string;

const DOCUMENT_FILE = /^([^/]+)\/([a-z]+)\.([a-z]+)\.hbs$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function parseSource(file: SourceFile): CompiledSource {
  try {
    const program = Handlebars.parse(file.text);
    return { file, program, refs: refsOf(program) };
  } catch (error) {
    // A syntax error says "Parse error on line N"; a block closed by the wrong name carries lineNumber and column.
    const located = error as LocatedError;
    const message = located.message.replace(/ - \d+:\d+$/, '');
    const line = located.lineNumber ?? Number(/line (\d+)/.exec(message)?.[1] ?? NaN);
    throw new DocumentTemplateError(
      `does not parse: ${message.split('\n').filter((l) => l.trim() !== '').join(' | ')}`,
      file.shownAs,
      Number.isNaN(line) ? null : line,
      located.column ?? null,
    );
  }
}

function parseLocale(file: SourceFile): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    throw new DocumentTemplateError(`is not valid JSON: ${message}`, file.shownAs, position ? lineAt(file.text, Number(position)) : null);
  }
  try {
    return flattenLocale(json, file.shownAs);
  } catch (error) {
    if (error instanceof LocaleFileError) throw new DocumentTemplateError(error.message.replace(`${file.shownAs}: `, ''), file.shownAs);
    throw error;
  }
}

/** Names a runtime error's file: the first source (innermost first) with a node where the error says it happened. */
function locate(error: unknown, candidates: readonly CompiledSource[]): DocumentTemplateError {
  if (error instanceof DocumentTemplateError) return error;
  const located = error as LocatedError;
  const message = (located.message ?? String(error)).replace(/ - \d+:\d+$/, '');
  const line = located.lineNumber ?? null;
  const column = located.column ?? null;
  const where = line !== null ? candidates.find((c) => c.refs.positions.has(`${line}:${column}`)) : undefined;
  return new DocumentTemplateError(message, (where ?? candidates[candidates.length - 1])?.file.shownAs ?? null, line, column);
}

/**
 * Compiles every template of `templatesDir` (with `overrideDir`'s files replacing those of the same
 * path) and checks each document against its fixture. Throws DocumentTemplateError naming the file
 * (and line) of the first problem: a file that does not parse, a misplaced file, a missing English
 * template, a partial or wording key that does not exist, a render of a fixture that fails.
 */
export function createDocumentRenderer(options: DocumentRendererOptions): DocumentRenderer {
  const fixtures = options.fixtures ?? FIXTURES;
  const sources = readSources(options.templatesDir, options.overrideDir);

  // Wording.
  const localeFiles = new Map<Locale, ReadonlyMap<string, string>>();
  const localeSources = new Map<Locale, SourceFile>();
  for (const file of sources.filter((f) => f.path.endsWith('.json'))) {
    const match = /^locales\/([a-z]+)\.json$/.exec(file.path);
    const locale = match?.[1];
    if (!locale || !(LOCALES as readonly string[]).includes(locale)) {
      throw new DocumentTemplateError(`is not a locale file the documents read: locale files are locales/${LOCALES.join('.json, locales/')}.json.`, file.shownAs);
    }
    localeFiles.set(locale as Locale, parseLocale(file));
    localeSources.set(locale as Locale, file);
  }
  if (!localeFiles.has('en')) throw new DocumentTemplateError('locales/en.json is missing: English is the wording every other locale falls back to.');
  const wording = new WordingTable(localeFiles);

  // Templates and partials.
  const partials = new Map<string, CompiledSource>();
  const documents = new Map<string, CompiledSource>();
  for (const file of sources.filter((f) => f.path.endsWith('.hbs'))) {
    const compiled = parseSource(file);
    if (file.path.startsWith('layouts/') || file.path.startsWith('partials/')) {
      partials.set(file.path.replace(/\.hbs$/, ''), compiled);
      continue;
    }
    const match = DOCUMENT_FILE.exec(file.path);
    const [, kind, audience, locale] = match ?? [];
    if (!match || !isDocumentKind(kind) || !(AUDIENCES_OF[kind] as readonly string[]).includes(audience ?? '') || !(LOCALES as readonly string[]).includes(locale ?? '')) {
      throw new DocumentTemplateError(
        'is not where a template belongs: documents are <kind>/<audience>.<locale>.hbs (a kind of the machines, an audience it has, a locale: en or ga); layouts and partials go in layouts/ and partials/.',
        file.shownAs,
      );
    }
    documents.set(file.path, compiled);
  }
  const documentSource = (key: DocumentKey): CompiledSource | undefined =>
    documents.get(`${key.kind}/${key.audience}.${key.locale}.hbs`) ?? documents.get(`${key.kind}/${key.audience}.en.hbs`);

  // What each source names must exist.
  for (const source of [...partials.values(), ...documents.values()]) {
    for (const { name, at } of source.refs.partials) {
      if (!partials.has(name)) throw new DocumentTemplateError(`calls the partial "${name}", which is not in layouts/ or partials/.`, source.file.shownAs, at.line, at.column);
    }
    for (const { key, at } of source.refs.wordingKeys) {
      if (!wording.has(key)) throw new DocumentTemplateError(`names the wording "${key}", which locales/en.json does not have.`, source.file.shownAs, at.line, at.column);
    }
    for (const { namespace, at } of source.refs.wordingNamespaces) {
      if (!wording.keys().some((k) => k.startsWith(`${namespace}.`))) {
        throw new DocumentTemplateError(`names the wording namespace "${namespace}", which locales/en.json does not have.`, source.file.shownAs, at.line, at.column);
      }
    }
  }

  /** The partials a source calls, transitively, innermost last. */
  const partialsOf = (source: CompiledSource): CompiledSource[] => {
    const seen = new Map<string, CompiledSource>();
    const visit = (s: CompiledSource) => {
      for (const { name } of s.refs.partials) {
        const p = partials.get(name);
        if (p && !seen.has(name)) {
          seen.set(name, p);
          visit(p);
        }
      }
    };
    visit(source);
    return [...seen.values()];
  };

  // Two environments: strict (the start-up check) and lenient (renders).
  const environment = (strict: boolean) => {
    const env = Handlebars.create();
    registerHelpers(env);
    for (const [name, source] of partials) {
      const template = env.compile(source.program, { strict, noEscape: false, knownHelpers: KNOWN_HELPERS }) as unknown as Template;
      // In the strict check, an error inside a partial is named after the partial when it happened there.
      env.registerPartial(
        name,
        strict
          ? ((context: unknown, opts?: { data?: RenderData }) => {
              try {
                return template(context, opts);
              } catch (error) {
                const located = locate(error, [source]);
                if (located.file === source.file.shownAs && located.line !== null && source.refs.positions.has(`${located.line}:${located.column}`)) throw located;
                throw error;
              }
            }) as unknown as Handlebars.Template
          : (template as unknown as Handlebars.Template),
      );
    }
    return env;
  };
  const strictEnv = environment(true);
  const lenientEnv = environment(false);
  const compiled = new Map<string, { strict: Template; lenient: Template }>();
  for (const [path, source] of documents) {
    compiled.set(path, {
      strict: strictEnv.compile(source.program, { strict: true, knownHelpers: KNOWN_HELPERS }) as unknown as Template,
      lenient: lenientEnv.compile(source.program, { knownHelpers: KNOWN_HELPERS }) as unknown as Template,
    });
  }

  const templateOf = (key: DocumentKey) => {
    const source = documentSource(key);
    const template = source ? compiled.get(source.file.path) : undefined;
    if (!source || !template) {
      throw new DocumentTemplateError(`there is no template for the ${key.audience} version of ${key.kind}: write ${key.kind}/${key.audience}.en.hbs.`);
    }
    return { source, template };
  };

  const versions = new Map<string, string>();
  const versionOf = (key: DocumentKey): string => {
    const name = keyName(key);
    let version = versions.get(name);
    if (version === undefined) {
      const { source } = templateOf(key);
      const used = [source, ...partialsOf(source).sort((a, b) => (a.file.path < b.file.path ? -1 : 1))].map((s) => s.file);
      const locales = [localeSources.get('en'), key.locale === 'en' ? undefined : localeSources.get(key.locale)].filter((f): f is SourceFile => f !== undefined);
      version = sha256([RENDERER_VERSION, ...[...used, ...locales].map((f) => `${f.path}\n${f.text}`)].join('\n\u0000\n'));
      versions.set(name, version);
    }
    return version;
  };

  // The start-up check: every document with its fixture, strict, then once more lenient (it compiles the lenient template now, not on the first render).
  for (const key of allDocumentKeys()) {
    const { source, template } = templateOf(key);
    const data: RenderData = { locale: key.locale, wording };
    const fixture = fixtures[key.kind] as AnyViewModel;
    try {
      template.strict(fixture, { data });
    } catch (error) {
      throw locate(error, [...partialsOf(source).reverse(), source]);
    }
    template.lenient(fixture, { data });
    versionOf(key);
  }

  return {
    render(key, viewModel) {
      if (!(LOCALES as readonly string[]).includes(key.locale)) throw new DocumentTemplateError(`there are no documents in the locale "${key.locale}": use ${LOCALES.join(' or ')}.`);
      if (!isDocumentKind(key.kind) || !(AUDIENCES_OF[key.kind] as readonly Audience[]).includes(key.audience)) {
        throw new DocumentTemplateError(`there is no ${key.audience} version of "${key.kind}".`);
      }
      return templateOf(key).template.lenient(viewModel, { data: { locale: key.locale, wording } });
    },
    templateVersion: versionOf,
    templateFile: (key) => templateOf(key).source.file.shownAs,
    missingWording: (locale) => wording.missingKeys(locale),
    wordingUsedBy(key) {
      const { source } = templateOf(key);
      const keys = new Set<string>();
      for (const s of [source, ...partialsOf(source)]) {
        for (const { key: k } of s.refs.wordingKeys) keys.add(k);
        for (const { namespace } of s.refs.wordingNamespaces) for (const k of wording.keys()) if (k.startsWith(`${namespace}.`)) keys.add(k);
      }
      return [...keys].map((k) => wording.get('en', k)?.text ?? '');
    },
  };
}
