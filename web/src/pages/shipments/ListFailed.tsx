/**
 * A list that could not be read, or whose next page could not: what went wrong, said at once (role
 * alert), and a button to try that again.
 */
import type { PagedShipments } from './useShipmentPages';

export function ListFailed({ list, message, retry }: { list: PagedShipments; message: string; retry: string }) {
  if (list.error === undefined) return null;
  return (
    <p role="alert" className="error">
      {message}{' '}
      <button type="button" onClick={list.state === 'failed' ? list.refresh : list.loadMore}>
        {retry}
      </button>
    </p>
  );
}
