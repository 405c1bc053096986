// The app's translations are complete where we promise they are: English, Russian and Arabic have
// every string of every page area; Uzbek, Kazakh, Kyrgyz, Tajik, Turkmen and Azerbaijani have every
// string of the frame, the shipment page (with its timeline and map) and the public tracking page.
// Each language has the plural forms its own grammar needs (Intl.PluralRules), the same
// placeholders as English, and no empty or left-over English-only string.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve(import.meta.dirname, '../../web/src/i18n/locales');
const COMPLETE = ['en', 'ru', 'ar'];
const REGIONAL = ['uz', 'kk', 'ky', 'tg', 'tk', 'az'];
/** The page areas the regional languages must cover. */
const REGIONAL_NAMESPACES = ['common', 'shipment', 'timeline', 'public', 'map', 'live'];
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function read(language: string, namespace: string): Tree | undefined {
  const file = path.join(LOCALES, language, `${namespace}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Tree) : undefined;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** Keys with their plural suffix taken off, each with the suffixes present. */
function baseKeys(strings: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const plural = PLURAL_SUFFIX.exec(key);
    const base = plural ? key.slice(0, plural.index) : key;
    const forms = out.get(base) ?? out.set(base, new Set()).get(base)!;
    if (plural) forms.add(plural[1]!);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function problems(language: string, namespace: string, required: boolean): string[] {
  const english = read('en', namespace)!;
  const own = read(language, namespace);
  if (!own) return required ? [`${language}/${namespace}.json is missing`] : [];
  const en = flatten(english);
  const mine = flatten(own);
  const enBases = baseKeys(en);
  const myBases = baseKeys(mine);
  const categories = new Set(new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[]);
  const found: string[] = [];
  for (const [base, forms] of enBases) {
    const myForms = myBases.get(base);
    if (!myForms) {
      found.push(`${language}/${namespace}: missing ${base}`);
      continue;
    }
    if (forms.size > 0) {
      for (const category of categories) if (!myForms.has(category) && !(category === 'zero' && myForms.has('other'))) found.push(`${language}/${namespace}: ${base} lacks the plural form _${category}`);
    }
    const enText = en.get(forms.size > 0 ? `${base}_other` : base) ?? '';
    const myText = mine.get(myForms.size > 0 ? `${base}_other` : base) ?? '';
    if (JSON.stringify(placeholders(enText)) !== JSON.stringify(placeholders(myText))) found.push(`${language}/${namespace}: ${base} has placeholders ${placeholders(myText).join(',')} where English has ${placeholders(enText).join(',')}`);
  }
  for (const base of myBases.keys()) if (!enBases.has(base)) found.push(`${language}/${namespace}: ${base} is not an English key (left over?)`);
  for (const [key, text] of mine) if (text.trim() === '') found.push(`${language}/${namespace}: ${key} is empty`);
  return found;
}

const namespaces = fs.readdirSync(path.join(LOCALES, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

describe('translations', () => {
  it('English has every page area the app loads', () => {
    const declared = /NAMESPACES = \[([^\]]+)\]/.exec(fs.readFileSync(path.resolve(LOCALES, '../i18n.ts'), 'utf8'))![1]!.match(/'([a-z-]+)'/g)!.map((s) => s.slice(1, -1));
    expect(namespaces.sort()).toEqual([...declared].sort());
  });

  it.each(COMPLETE.filter((l) => l !== 'en'))('%s has every string of every page area', (language) => {
    expect(namespaces.flatMap((ns) => problems(language, ns, true))).toEqual([]);
  });

  it.each(REGIONAL)('%s has every string of the frame, the shipment page and the public page, and nothing English lacks', (language) => {
    const found = namespaces.flatMap((ns) => problems(language, ns, REGIONAL_NAMESPACES.includes(ns)));
    expect(found).toEqual([]);
  });
});
