/** The embedded test driver: libvirt's test hypervisor served in-process. */
export { openEmbeddedTest, type OpenEmbeddedOptions } from './open';
export { EmbeddedTestConnection, MODELLED_LIBVIRT_VERSION, TEST_HYPERVISOR_VERSION } from './connection';
export { TestHost, type TestHostOptions } from './host';
export { loadHostFile, hostSpecFromXml, type HostSpec } from './host-file';
