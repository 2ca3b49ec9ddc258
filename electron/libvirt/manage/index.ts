/** Operations above the driver, shared by the CLI and the main process. */
export { cloneDomain, cloneVolumeName, randomMac } from './clone';
export { createVolume, volumeXml } from './create-volume';
export { deleteDomain } from './delete-domain';
export { domainDiskVolumes } from './disks';
export { formatBytes, ManageError, type ManageProblem } from './errors';
export { checkDomainName, checkSnapshotName, checkVolumeName } from './names';
export { storagePoolNamed } from './pools';
export { createSnapshot, snapshotXml, type NewSnapshot } from './snapshot';
export { uploadFileToVolume } from './upload';
export { volumeFormatOf } from './volume-format';
export * from './types';
