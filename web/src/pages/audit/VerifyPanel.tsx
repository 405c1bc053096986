/**
 * Verifying the whole audit log (GET /api/audit/verify): the chain of entries, the Merkle tree, the
 * signed head and every stored event against it. The result is said plainly: sound with its tree
 * size, root and signed head, or the first entry that cannot be trusted and why.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatDateTime, formatNumber } from '../../i18n/format';

type Verification = paths['/api/audit/verify']['get']['responses']['200']['content']['application/json'];

export function VerifyPanel() {
  const { t, i18n } = useTranslation('audit');
  const lang = i18n.language;
  const [result, setResult] = useState<Verification>();
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<string>();

  const verify = async () => {
    setWorking(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      const { data, error } = await api.GET('/api/audit/verify');
      setResult(data);
      if (!data) setFailure(problemText(error) ?? t('verify.failed'));
    } catch {
      setFailure(t('common:error.unreachable'));
    } finally {
      setWorking(false);
    }
  };

  // Said from the result when shown, so that it follows a change of language.
  const status = working ? t('verify.working') : result ? (result.ok ? t('verify.sound', { count: result.entries }) : t('verify.broken')) : '';
  const head = result?.head;
  // The signed head is checked as part of verifying: a bad signature is reported as 'head-invalid'.
  const signatureValid = result && head ? result.problem?.kind !== 'head-invalid' : undefined;
  return (
    <section aria-labelledby="verify-title" className="card">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <button type="button" onClick={() => void verify()} disabled={working}>
        {t('verify.button')}
      </button>
      <p role="status" aria-live="polite" className={result && !result.ok ? 'verify-status error' : 'verify-status'}>
        {status && <span aria-hidden="true">{result ? (result.ok ? '✓ ' : '✗ ') : ''}</span>}
        {status}
      </p>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {result && (
        <dl className="verify-result">
          <div>
            <dt>{t('verify.entriesSound')}</dt>
            <dd>{formatNumber(result.entries, lang)}</dd>
          </div>
          {head && (
            <>
              <div>
                <dt>{t('verify.treeSize')}</dt>
                <dd>{formatNumber(head.treeSize, lang)}</dd>
              </div>
              <div>
                <dt>{t('verify.signedAt')}</dt>
                <dd>{formatDateTime(head.timestamp, lang)}</dd>
              </div>
              <div>
                <dt>{t('verify.signature')}</dt>
                <dd>{signatureValid ? t('verify.signatureValid') : t('verify.signatureInvalid')}</dd>
              </div>
              <div>
                <dt>{t('verify.rootHash')}</dt>
                <dd>
                  <code dir="ltr">{head.rootHash}</code>
                </dd>
              </div>
              <div>
                <dt>{t('verify.keyId')}</dt>
                <dd>
                  <code dir="ltr">{head.keyId}</code>
                </dd>
              </div>
            </>
          )}
          {result.events !== undefined && (
            <div>
              <dt>{t('verify.events')}</dt>
              <dd>{formatNumber(result.events, lang)}</dd>
            </div>
          )}
          {result.problem && (
            <>
              <div>
                <dt>{t('verify.problemKind')}</dt>
                <dd>{t(`verify.kinds.${result.problem.kind}`, { defaultValue: result.problem.kind })}</dd>
              </div>
              {result.problem.seq !== undefined && (
                <div>
                  <dt>{t('verify.firstBadEntry')}</dt>
                  <dd>{formatNumber(result.problem.seq, lang)}</dd>
                </div>
              )}
              {result.problem.sequence !== undefined && (
                <div>
                  <dt>{t('verify.badEvent')}</dt>
                  <dd>{formatNumber(result.problem.sequence, lang)}</dd>
                </div>
              )}
              <div>
                <dt>{t('verify.detail')}</dt>
                <dd>{result.problem.detail}</dd>
              </div>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
