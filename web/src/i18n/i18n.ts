/**
 * The app's languages: English, Russian and Arabic (right to left). The language picked is kept in
 * this browser and set on <html lang dir>, so the whole page, not only its words, follows it.
 * Dates and numbers are formatted with Intl in the same language (format.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import ru from './locales/ru.json';

export const LANGUAGES = ['en', 'ru', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'karvon.language';

function isLanguage(value: unknown): value is Language {
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
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru }, ar: { translation: ar } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  applyToDocument(i18next.language);
}

export { isLanguage };
