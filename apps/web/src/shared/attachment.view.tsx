import type { MessageAttachment, RestClient } from '@switchboard/client';
import { useEffect, useState } from 'preact/hooks';

/**
 * An upload shown inline: images as a preview, other files as a download link. Uploads need
 * the bearer token, so the bytes come through the SDK and are shown from a blob URL.
 */
export function AttachmentView({
  api,
  attachment,
}: {
  api: RestClient;
  attachment: MessageAttachment;
}) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let created: string | undefined;
    let live = true;
    api
      .blob(`/v1/uploads/${attachment.id}`)
      .then((blob) => {
        created = URL.createObjectURL(blob);
        if (live) setUrl(created);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (created !== undefined) URL.revokeObjectURL(created);
    };
  }, [api, attachment.id]);

  if (failed) return <span class="attachment-missing">{attachment.name} (unavailable)</span>;
  if (url === undefined) return <span class="attachment-loading">Loading {attachment.name}…</span>;
  if (attachment.mime.startsWith('image/')) {
    return (
      <a href={url} target="_blank" rel="noreferrer" class="attachment-image">
        <img src={url} alt={attachment.name} />
      </a>
    );
  }
  return (
    <a href={url} download={attachment.name} class="attachment-file">
      {attachment.name} ({Math.ceil(attachment.size / 1024)} KB)
    </a>
  );
}
