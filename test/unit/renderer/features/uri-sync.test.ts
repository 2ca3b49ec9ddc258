import { describe, expect, it } from 'vitest';
import { parseLibvirtUri } from '../../../../shared/uri';
import { editFields, editRaw, formForUri, formUri, INITIAL_FORM } from '../../../../renderer/features/connections/uri-sync';
import { corpus } from '../../shared/uri-corpus';

const parsable = corpus.filter((e) => 'ok' in e).map((e) => e.uri);

describe('the connection dialog keeps fields and raw URI in step', () => {
  it('round-trips every corpus URI the fields can express, byte for byte, through the fields', () => {
    let expressible = 0;
    for (const uri of parsable) {
      const fromRaw = editRaw(INITIAL_FORM, uri);
      if (fromRaw.sync.kind !== 'in-sync') {
        // Kept as typed, and said so: the raw text is what would be saved.
        expect(fromRaw.sync.kind, uri).toBe('not-expressible');
        expect(fromRaw.raw, uri).toBe(uri);
        expect(formUri(fromRaw), uri).toEqual({ ok: true, uri });
        continue;
      }
      expressible += 1;
      // Touch the fields (a no-op edit): the raw text they write is exactly the URI again.
      const back = editFields(fromRaw, {});
      expect(back.raw, uri).toBe(uri);
      expect(back.sync.kind, uri).toBe('in-sync');
      // And the fields say what the parser says.
      const parsed = parseLibvirtUri(uri);
      if (!parsed.ok) throw new Error(`corpus URI ${uri} no longer parses`);
      expect(fromRaw.fields.hypervisor, uri).toBe(parsed.uri.driver);
      expect(fromRaw.fields.host, uri).toBe(parsed.uri.host ?? '');
      expect(fromRaw.fields.params, uri).toEqual(parsed.uri.params);
    }
    // Most of the corpus is expressible; a sync that gave up on everything would fail here.
    expect(expressible).toBeGreaterThan(parsable.length / 2);
  });

  it('rewrites the raw URI when a field changes', () => {
    const form = editRaw(INITIAL_FORM, 'qemu+ssh://root@kvm1/system');
    const changed = editFields(form, { host: 'kvm2', port: '2222', params: [{ name: 'keyfile', value: '/k' }] });
    expect(changed.raw).toBe('qemu+ssh://root@kvm2:2222/system?keyfile=/k');
    expect(editFields(changed, { transport: 'tcp', user: '' }).raw).toBe('qemu+tcp://kvm2:2222/system?keyfile=/k');
  });

  it('refills the fields when the raw URI changes', () => {
    const form = editRaw(INITIAL_FORM, 'test+tcp://[::1]:16509/default?mode=direct');
    expect(form.sync.kind).toBe('in-sync');
    expect(form.fields).toEqual({ hypervisor: 'test', transport: 'tcp', user: '', host: '::1', port: '16509', path: '/default', params: [{ name: 'mode', value: 'direct' }] });
  });

  it('keeps a URI the fields cannot say, and says so, leaving the fields as they were', () => {
    const before = editRaw(INITIAL_FORM, 'qemu+ssh://h/system');
    const form = editRaw(before, 'qemu+ssh://h/system#frag');
    expect(form.sync.kind).toBe('not-expressible');
    expect(form.sync.kind === 'not-expressible' ? form.sync.message : '').toContain('#fragment');
    expect(form.raw).toBe('qemu+ssh://h/system#frag');
    expect(form.fields).toEqual(before.fields);
    expect(formUri(form)).toEqual({ ok: true, uri: 'qemu+ssh://h/system#frag' });
  });

  it('refuses to save a URI libvirt would refuse, from either tab', () => {
    expect(formUri(editRaw(INITIAL_FORM, 'qemu+ssh://host:/system')).ok).toBe(false);
    expect(formUri(editFields(INITIAL_FORM, { host: 'h', port: '70000' })).ok).toBe(false);
    expect(formUri(formForUri('')).ok).toBe(false);
  });
});
