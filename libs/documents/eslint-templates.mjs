// Lint rules for the document templates (templates/**): each .hbs file must parse as Handlebars
// and never print unescaped output ({{{ }}} or {{& }}), so that nothing a person typed reaches the
// HTML unescaped; each locale file must be a JSON object of strings with well-formed {placeholders}.
// The files are read as plain text (a parser that gives ESLint an empty program and the source).
import Handlebars from 'handlebars';

function locOf(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

const textParser = {
  meta: { name: 'tacu-template-text', version: '1.0.0' },
  parseForESLint(text) {
    const lines = text.split('\n');
    return {
      ast: {
        type: 'Program',
        body: [],
        sourceType: 'module',
        comments: [],
        tokens: [],
        range: [0, text.length],
        loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } },
      },
      visitorKeys: { Program: [] },
    };
  },
};

const handlebarsParses = {
  meta: { type: 'problem', docs: { description: 'A template parses as Handlebars' }, schema: [] },
  create(context) {
    return {
      Program() {
        try {
          Handlebars.parse(context.sourceCode.text);
        } catch (error) {
          const line = Number(/line (\d+)/.exec(error.message)?.[1] ?? 1);
          context.report({ loc: { line, column: 0 }, message: `Handlebars cannot parse this template: ${error.message.split('\n').filter((l) => l.trim()).join(' | ')}` });
        }
      },
    };
  },
};

const noUnescapedOutput = {
  meta: { type: 'problem', docs: { description: 'Templates print only escaped output' }, schema: [] },
  create(context) {
    return {
      Program() {
        const text = context.sourceCode.text;
        for (const match of text.matchAll(/\{\{~?\s*(\{|&)/g)) {
          context.report({
            loc: locOf(text, match.index),
            message: 'Unescaped output ({{{ }}} or {{& }}) would print what a person typed as HTML: use {{ }} (the helpers return escaped HTML).',
          });
        }
      },
    };
  },
};

function checkStrings(value, path, report) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(`"${path || '(root)'}" must be an object of strings`);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof v === 'string') {
      const stray = v.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, '');
      if (/[{}]/.test(stray)) report(`"${at}" has a brace that is not a {placeholder} (a letter, then letters or digits)`);
    } else checkStrings(v, at, report);
  }
}

const localeFile = {
  meta: { type: 'problem', docs: { description: 'A locale file is a JSON object of strings with well-formed placeholders' }, schema: [] },
  create(context) {
    return {
      Program() {
        const text = context.sourceCode.text;
        let json;
        try {
          json = JSON.parse(text);
        } catch (error) {
          const position = Number(/position (\d+)/.exec(error.message)?.[1] ?? 0);
          context.report({ loc: locOf(text, position), message: `Not valid JSON: ${error.message}` });
          return;
        }
        checkStrings(json, '', (message) => context.report({ loc: { line: 1, column: 0 }, message }));
      },
    };
  },
};

export const templatesPlugin = {
  meta: { name: 'tacu-templates' },
  rules: { 'handlebars-parses': handlebarsParses, 'no-unescaped-output': noUnescapedOutput, 'locale-file': localeFile },
};

/** The flat-config blocks for templates/. */
export const templatesConfig = [
  {
    files: ['templates/**/*.hbs'],
    languageOptions: { parser: textParser },
    plugins: { 'tacu-templates': templatesPlugin },
    rules: { 'tacu-templates/handlebars-parses': 'error', 'tacu-templates/no-unescaped-output': 'error' },
  },
  {
    files: ['templates/**/*.json'],
    languageOptions: { parser: textParser },
    plugins: { 'tacu-templates': templatesPlugin },
    rules: { 'tacu-templates/locale-file': 'error' },
  },
];
