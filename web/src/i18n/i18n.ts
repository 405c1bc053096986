/**
 * The app's languages. English, Russian and Arabic (right to left) are complete; Uzbek, Kazakh,
 * Kyrgyz, Tajik, Turkmen and Azerbaijani cover navigation, the shipment page and the public tracking
 * page, and fall back to English elsewhere. The language picked is kept in this browser and set on
 * <html lang dir>, so the whole page, not only its words, follows it. Dates and numbers are formatted
 * with Intl in the same language (format.ts).
 *
 * Translations live in one file per language and page area (locales/<language>/<namespace>.json):
 * a page loads only its own namespaces, in the language in use, when it is first shown.
 */
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'ru', 'ar', 'uz', 'kk', 'ky', 'tg', 'tk', 'az'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, whatever the language of the page. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  ru: 'Русский',
  ar: 'العربية',
  uz: 'Oʻzbekcha',
  kk: 'Қазақша',
  ky: 'Кыргызча',
  tg: 'Тоҷикӣ',
  tk: 'Türkmençe',
  az: 'Azərbaycanca',
};

/** The page areas with a translation file each; `common` holds the frame (header, navigation, errors). */
export const NAMESPACES = ['common', 'shipments', 'shipment', 'timeline', 'board', 'public', 'map', 'capture', 'keys', 'governance', 'audit', 'admin', 'statistics', 'live', 'alerts'] as const;
export type Namespace = (typeof NAMESPACES)[number];

const STORAGE_KEY = 'karvon.language';

// Every translation file, each its own chunk, loaded when a page asks for its namespace.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language kept in this browser, else the first of the browser's own that we speak, else English. */
function initialLanguage(): Language {
  const kept = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(kept)) return kept;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Sets <html lang dir> to the language: Arabic reads right to left. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

export async function startI18n(): Promise<void> {
  i18next.on('languageChanged', (language) => {
    applyToDocument(language);
    if (isLanguage(language)) localStorage.setItem(STORAGE_KEY, language);
  });
  await i18next
    .use(initReactI18next)
    .use(
      resourcesToBackend(async (language: string, namespace: string) => {
        const load = files[`./locales/${language}/${namespace}.json`];
        // A language without this page area's file reads it in English (fallbackLng).
        return load ? (await load()).default : {};
      }),
    )
    .init({
      lng: initialLanguage(),
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['common'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
    });
  applyToDocument(i18next.language);
}
