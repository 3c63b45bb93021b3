import { useRpc } from './RpcProvider';

/** Shown once the service is gone: nothing on the page will update until a reload. */
export function ConnectionBanner() {
  const { connected } = useRpc();
  if (connected) return null;
  return (
    <div className="disconnected-banner" role="alert" data-testid="disconnected-banner">
      <strong>Disconnected</strong> from the Vigie service — what you see may be out of date.
      <button className="btn btn-sm" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
