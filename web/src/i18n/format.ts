/** Dates and numbers in the reader's language, by Intl (the Arabic locale writes Arabic digits). */
export function formatDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(typeof value === 'string' ? new Date(value) : value);
}

export function formatDate(value: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(value);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}
