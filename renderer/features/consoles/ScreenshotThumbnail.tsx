/** A small picture of the domain's screen (virDomainScreenshot), refreshable and savable. */
import { useEffect, useState } from 'react';
import type { ScreenshotImage } from '../../../shared/model';
import { call } from '../../ipc/client';
import { ErrorText } from '../../components/ErrorText';
import { failed, type Loadable } from '../../stores/loadable';

interface Props {
  readonly connectionId: string;
  readonly uuid: string;
  readonly name: string;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/x-portable-pixmap': 'ppm' };

export function ScreenshotThumbnail({ connectionId, uuid, name }: Props): React.JSX.Element {
  const [shot, setShot] = useState<Loadable<ScreenshotImage>>({ kind: 'loading' });
  const [taken, setTaken] = useState(0);

  useEffect(() => {
    let live = true;
    setShot({ kind: 'loading' });
    call('domains.screenshot', connectionId, uuid).then(
      (value) => { if (live) setShot({ kind: 'ready', value }); },
      (error: unknown) => { if (live) setShot(failed(error)); },
    );
    return () => { live = false; };
  }, [connectionId, uuid, taken]);

  const save = (image: ScreenshotImage): void => {
    const link = document.createElement('a');
    link.href = `data:${image.mime};base64,${image.data}`;
    link.download = `${name}-screenshot.${EXTENSIONS[image.mime] ?? 'img'}`;
    link.click();
  };

  return (
    <figure className="screenshot" data-testid="screenshot" data-screenshot-state={shot.kind}>
      {shot.kind === 'loading' && <p role="status">Taking a screenshot…</p>}
      {shot.kind === 'failed' && <><p className="error">No screenshot:</p><ErrorText error={shot.error} testId="screenshot-error" /></>}
      {shot.kind === 'ready' && (
        <img src={`data:${shot.value.mime};base64,${shot.value.data}`} alt={`The screen of ${name}`} data-testid="screenshot-image" />
      )}
      <figcaption>
        <button type="button" onClick={() => { setTaken((n) => n + 1); }}>Refresh</button>{' '}
        <button type="button" disabled={shot.kind !== 'ready'} onClick={() => { if (shot.kind === 'ready') save(shot.value); }} data-testid="screenshot-save">
          Save screenshot
        </button>
      </figcaption>
    </figure>
  );
}
