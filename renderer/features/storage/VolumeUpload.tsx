import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { formatBytes } from '../../components/format';
import { useUpload, type UploadState } from './use-upload';

function Progress({ state, onCancel }: { readonly state: UploadState; readonly onCancel: () => void }): React.JSX.Element | null {
  switch (state.kind) {
    case 'idle': return null;
    case 'starting': return <p className="muted" data-testid="upload-starting">Checking the file and making the volume…</p>;
    case 'refused': return <ErrorText error={state.error} testId="upload-error" />;
    case 'running': {
      const p = state.progress;
      switch (p.kind) {
        case 'progress':
          return (
            <div className="progress-row" data-testid="upload-progress">
              <progress max={p.totalBytes || 1} value={p.sentBytes} aria-label="Upload progress" />
              <span>{formatBytes(p.sentBytes)} of {formatBytes(p.totalBytes)}</span>
              <button type="button" className="small" data-testid="upload-cancel" onClick={onCancel}>Cancel</button>
            </div>
          );
        case 'done':
          // The bar stays, full, so the end is seen even when the last progress tick was not.
          return (
            <div className="progress-row" data-testid="upload-done">
              <progress max={p.totalBytes || 1} value={p.totalBytes} aria-label="Upload progress" />
              <span>Uploaded {formatBytes(p.totalBytes)}.</span>
            </div>
          );
        case 'cancelled': return <p className="muted" data-testid="upload-cancelled">Upload cancelled; its volume was removed.</p>;
        case 'failed': return <ErrorText error={p.error} testId="upload-error" />;
      }
    }
  }
}

/**
 * Upload a local file (an ISO) into a new volume. The path is typed: the window holds no
 * files, main reads it. (A main-side file chooser would fill it in Electron; the browser
 * bridge has none.)
 */
export function VolumeUpload({ connectionId, poolUuid, onChanged }: { readonly connectionId: string; readonly poolUuid: string; readonly onChanged: () => void }): React.JSX.Element {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const upload = useUpload(onChanged);
  const busy = upload.state.kind === 'starting' || (upload.state.kind === 'running' && upload.state.progress.kind === 'progress');
  return (
    <form className="inline-form" data-testid="volume-upload" onSubmit={(e) => {
      e.preventDefault();
      upload.start(connectionId, poolUuid, name.trim() === '' ? (path.split('/').pop() ?? '') : name.trim(), path.trim());
    }}>
      <label>Local file path<input data-testid="upload-path" value={path} placeholder="/home/me/debian.iso" onChange={(e) => { setPath(e.target.value); }} /></label>
      <label>Volume name<input data-testid="upload-name" value={name} placeholder="empty: the file's name" onChange={(e) => { setName(e.target.value); }} /></label>
      <button type="submit" className="small" data-testid="upload-submit" disabled={busy}>Upload</button>
      <Progress state={upload.state} onCancel={() => { upload.cancel(); }} />
    </form>
  );
}
