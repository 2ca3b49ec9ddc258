/**
 * The connection dialog's two tabs, fields and raw URI, kept in step. The raw text is the
 * truth that gets saved: editing a field rewrites it, and editing it refills the fields
 * whenever the fields can say that exact text. When they cannot (a fragment, an unusual
 * percent-encoding, an upper-case transport...), the raw text is kept as typed and the
 * dialog says why the fields stopped following.
 */
import { parseLibvirtUri } from '../../../shared/uri';
import { fieldsOfUri, INITIAL_FIELDS, uriFromFields, type UriFields } from './uri-fields';

export type FieldsSync =
  /** The fields make exactly the raw text. */
  | { readonly kind: 'in-sync' }
  /** The raw text does not parse; the fields show the last URI that did. */
  | { readonly kind: 'raw-invalid'; readonly message: string }
  /** The raw text parses, but no set of fields writes it byte for byte. */
  | { readonly kind: 'not-expressible'; readonly message: string }
  /** The fields were edited into something libvirt would refuse. */
  | { readonly kind: 'fields-invalid'; readonly message: string };

export interface UriForm {
  readonly fields: UriFields;
  readonly raw: string;
  readonly sync: FieldsSync;
}

export function formFromFields(fields: UriFields): UriForm {
  const built = uriFromFields(fields);
  return built.ok
    ? { fields, raw: built.uri, sync: { kind: 'in-sync' } }
    // An invalid field (a port of 70000) leaves the raw text as it was built so far.
    : { fields, raw: built.uri, sync: { kind: 'fields-invalid', message: built.message } };
}

export const INITIAL_FORM: UriForm = formFromFields(INITIAL_FIELDS);

/** The fields that write exactly `text`, or why there are none. */
export function fieldsForUri(text: string): { readonly ok: true; readonly fields: UriFields } | { readonly ok: false; readonly sync: FieldsSync } {
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) return { ok: false, sync: { kind: 'raw-invalid', message: parsed.error.message } };
  const fields = fieldsOfUri(parsed.uri);
  const again = uriFromFields(fields);
  if (again.ok && again.uri === text) return { ok: true, fields };
  const why = parsed.uri.fragment !== undefined
    ? 'it has a #fragment, which has no field'
    : `the fields would write it as ${again.uri === '' ? 'something else' : again.uri}`;
  return { ok: false, sync: { kind: 'not-expressible', message: `The fields cannot show this URI exactly (${why}); the URI is kept as typed.` } };
}

/** The raw tab was edited: keep the text, and refill the fields when they can say it. */
export function editRaw(form: UriForm, raw: string): UriForm {
  const text = raw.trim();
  if (text === '') return { fields: form.fields, raw, sync: { kind: 'raw-invalid', message: 'Enter a libvirt URI, such as qemu+ssh://root@host/system.' } };
  const found = fieldsForUri(text);
  return found.ok ? { fields: found.fields, raw, sync: { kind: 'in-sync' } } : { fields: form.fields, raw, sync: found.sync };
}

/** A field was edited: the raw text follows. */
export function editFields(form: UriForm, patch: Partial<UriFields>): UriForm {
  return formFromFields({ ...form.fields, ...patch });
}

/** A saved profile's URI, for the edit dialog. */
export function formForUri(uri: string): UriForm {
  return editRaw(INITIAL_FORM, uri);
}

/** The URI to save or test, or why there is none. */
export function formUri(form: UriForm): { readonly ok: true; readonly uri: string } | { readonly ok: false; readonly message: string } {
  switch (form.sync.kind) {
    case 'in-sync':
    case 'not-expressible':
      return { ok: true, uri: form.raw.trim() };
    case 'raw-invalid':
    case 'fields-invalid':
      return { ok: false, message: form.sync.message };
  }
}
