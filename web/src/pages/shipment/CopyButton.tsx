/** Copies a text to the clipboard and says so in a live region (or that it could not). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation('timeline');
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('ui.copied'));
    } catch {
      setSaid(t('ui.copyFailed'));
    }
  };
  return (
    <span className="copy">
      <button type="button" className="secondary" onClick={() => void copy()} {...(label ? { 'aria-label': label } : {})}>
        {t('ui.copy')}
      </button>
      <span role="status" className="muted">
        {said}
      </span>
    </span>
  );
}
