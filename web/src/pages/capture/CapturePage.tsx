/**
 * Capture: upload an EPCIS document (JSON-LD or XML, chosen or dropped), follow its capture job
 * until it finishes, and see what it captured and every error and warning with its place in the
 * document. The uploads of this browser session stay listed (kept in sessionStorage), newest first.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { followJob, mediaTypeOf, submitDocument, type ErrorBehaviour } from './submit-capture';
import { UploadResult, type Upload } from './UploadResult';
import '../../components/forms.css';
import './capture.css';

const STORAGE_KEY = 'karvon.capture.uploads';

function keptUploads(): Upload[] {
  try {
    const kept = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as Upload[];
    return Array.isArray(kept) ? kept : [];
  } catch {
    return [];
  }
}

export default function CapturePage() {
  const { t } = useTranslation('capture');
  const fileId = useId();
  const behaviourId = useId();
  const behaviourHelpId = useId();
  const fileHelpId = useId();
  const [file, setFile] = useState<File>();
  const [behaviour, setBehaviour] = useState<ErrorBehaviour>('rollback');
  const [uploads, setUploads] = useState<Upload[]>(keptUploads);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(uploads));
  }, [uploads]);

  const update = useCallback((key: string, change: Partial<Upload>) => {
    setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }, []);

  const follow = useCallback(
    async (key: string, captureID: string) => {
      const job = await followJob(captureID, (state) => update(key, { job: state, state: state.running ? 'running' : 'finished' }), () => mounted.current).catch(() => undefined);
      if (!mounted.current) return;
      if (!job) update(key, { state: 'lost' });
      else if (!job.running) setAnnouncement(job.success ? t('state.succeeded', { count: job.eventsCaptured }) : t('state.failed', { count: job.eventsRejected }));
    },
    [t, update],
  );

  // Jobs still running when the page was left are followed again on return.
  useEffect(() => {
    for (const upload of keptUploads()) if ((upload.state === 'running' || upload.state === 'sending') && upload.job) void follow(upload.key, upload.job.captureID);
  }, [follow]);

  const send = async (chosen: File) => {
    const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const upload: Upload = { key, fileName: chosen.name, mediaType: await mediaTypeOf(chosen), sentAt: new Date().toISOString(), state: 'sending' };
    setUploads((list) => [upload, ...list]);
    setAnnouncement(t('state.sending'));
    try {
      const answer = await submitDocument(chosen, behaviour);
      if (!answer.accepted) {
        update(key, { state: 'refused', refusal: { status: answer.status, ...(answer.problem ? { problem: answer.problem } : {}) } });
        setAnnouncement(t('state.refused'));
        return;
      }
      update(key, { state: 'running' });
      setAnnouncement(t('state.running', { count: 0 }));
      await follow(key, answer.captureID);
    } catch {
      update(key, { state: 'lost' });
      setAnnouncement(t('state.lost'));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void send(file);
    setFile(undefined);
    if (fileInput.current) fileInput.current.value = '';
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void send(dropped);
  };

  return (
    <section aria-labelledby="capture-title" className="capture-page">
      <div className="card">
        <h1 id="capture-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        <form onSubmit={submit}>
          <div
            className={dragging ? 'drop-zone dragging' : 'drop-zone'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
          >
            <div className="field">
              <label htmlFor={fileId}>{t('file.label')}</label>
              <input
                ref={fileInput}
                id={fileId}
                type="file"
                accept=".json,.jsonld,.xml,application/ld+json,application/json,application/xml,text/xml"
                aria-describedby={fileHelpId}
                onChange={(event) => setFile(event.target.files?.[0])}
              />
              <p id={fileHelpId} className="muted">
                {t('file.help')}
              </p>
            </div>
          </div>
          <div className="field">
            <label htmlFor={behaviourId}>{t('behaviour.label')}</label>
            <select id={behaviourId} value={behaviour} aria-describedby={behaviourHelpId} onChange={(event) => setBehaviour(event.target.value as ErrorBehaviour)}>
              <option value="rollback">{t('behaviour.rollback')}</option>
              <option value="proceed">{t('behaviour.proceed')}</option>
            </select>
            <p id={behaviourHelpId} className="muted">
              {t('behaviour.help')}
            </p>
          </div>
          <button type="submit" disabled={!file}>
            {t('submit')}
          </button>
        </form>
        <p role="status" aria-live="polite" className="capture-status">
          {announcement}
        </p>
      </div>
      <section aria-labelledby="uploads-title" className="uploads">
        <h2 id="uploads-title">{t('uploads.title')}</h2>
        {uploads.length === 0 ? (
          <p className="muted">{t('uploads.none')}</p>
        ) : (
          <>
            <button type="button" className="link-button" onClick={() => setUploads((list) => list.filter((upload) => upload.state === 'running' || upload.state === 'sending'))}>
              {t('uploads.clear')}
            </button>
            {uploads.map((upload) => (
              <UploadResult key={upload.key} upload={upload} headingId={`upload-${upload.key}`} />
            ))}
          </>
        )}
      </section>
    </section>
  );
}
