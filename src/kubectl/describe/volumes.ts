import type { Volume } from 'kubernetes-types/core/v1';
import { quantity, sortedKeys } from './format';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

/**
 * The Volumes block of describe (describeVolumes): one entry per volume with its source type in
 * kubectl's words. The in-tree cloud and network sources a simulated cluster cannot mount are still
 * named, so a manifest that uses one reads as it would on a real cluster.
 */
export function describeVolumes(
  volumes: readonly Volume[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    describeSource(v, w);
  }
}

/** `Type:` line plus the source's own fields, each a `\n    Field:\t` continuation as in Go. */
function fieldsOf(type: string, fields: ReadonlyArray<[string, unknown]>): string {
  return (
    `Type:\t${type}\n` +
    fields.map(([k, v]) => `    ${k}:\t${v === undefined || v === null ? '' : String(v)}\n`).join('')
  );
}

/** The image volume source (v1.31+) is newer than the kubernetes-types release the project uses. */
function imageOf(v: Volume): { reference?: string; pullPolicy?: string } | undefined {
  return (v as { image?: { reference?: string; pullPolicy?: string } }).image;
}

function describeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    w.write(
      LEVEL_2,
      fieldsOf('HostPath (bare host directory volume)', [
        ['Path', v.hostPath.path],
        ['HostPathType', v.hostPath.type ?? '<none>'],
      ]),
    );
  } else if (v.emptyDir) {
    const size =
      v.emptyDir.sizeLimit !== undefined && quantity(v.emptyDir.sizeLimit) !== '0'
        ? quantity(v.emptyDir.sizeLimit)
        : '<unset>';
    w.write(
      LEVEL_2,
      fieldsOf("EmptyDir (a temporary directory that shares a pod's lifetime)", [
        ['Medium', v.emptyDir.medium ?? ''],
        ['SizeLimit', size],
      ]),
    );
  } else if (v.gcePersistentDisk) {
    const g = v.gcePersistentDisk;
    w.write(
      LEVEL_2,
      fieldsOf('GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
        ['PDName', g.pdName],
        ['FSType', g.fsType ?? ''],
        ['Partition', g.partition ?? 0],
        ['ReadOnly', g.readOnly === true],
      ]),
    );
  } else if (v.awsElasticBlockStore) {
    const a = v.awsElasticBlockStore;
    w.write(
      LEVEL_2,
      fieldsOf('AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
        ['VolumeID', a.volumeID],
        ['FSType', a.fsType ?? ''],
        ['Partition', a.partition ?? 0],
        ['ReadOnly', a.readOnly === true],
      ]),
    );
  } else if (v.gitRepo) {
    w.write(
      LEVEL_2,
      fieldsOf('GitRepo (a volume that is pulled from git when the pod is created)', [
        ['Repository', v.gitRepo.repository],
        ['Revision', v.gitRepo.revision ?? ''],
      ]),
    );
  } else if (v.secret) {
    w.write(
      LEVEL_2,
      fieldsOf('Secret (a volume populated by a Secret)', [
        ['SecretName', v.secret.secretName ?? ''],
        ['Optional', v.secret.optional === true],
      ]),
    );
  } else if (v.configMap) {
    w.write(
      LEVEL_2,
      fieldsOf('ConfigMap (a volume populated by a ConfigMap)', [
        ['Name', v.configMap.name ?? ''],
        ['Optional', v.configMap.optional === true],
      ]),
    );
  } else if (v.nfs) {
    w.write(
      LEVEL_2,
      fieldsOf('NFS (an NFS mount that lasts the lifetime of a pod)', [
        ['Server', v.nfs.server],
        ['Path', v.nfs.path],
        ['ReadOnly', v.nfs.readOnly === true],
      ]),
    );
  } else if (v.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      fieldsOf('PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
        ['ClaimName', v.persistentVolumeClaim.claimName],
        ['ReadOnly', v.persistentVolumeClaim.readOnly === true],
      ]),
    );
  } else if (v.ephemeral) {
    w.write(
      LEVEL_2,
      'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
    );
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    // Since v1.33 (kubernetes#129457) each source's optional flag prints as a plain bool.
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret)
        w.write(
          LEVEL_2,
          `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`,
        );
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap)
        w.write(
          LEVEL_2,
          `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`,
        );
      else if (s.serviceAccountToken)
        w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (v.csi) {
    const c = v.csi;
    w.write(
      LEVEL_2,
      fieldsOf('CSI (a Container Storage Interface (CSI) volume source)', [
        ['Driver', c.driver],
        ['FSType', c.fsType ?? ''],
        ['ReadOnly', c.readOnly === true],
      ]),
    );
    printCSIAttributes(c.volumeAttributes, w);
  } else if (imageOf(v)) {
    const image = imageOf(v)!;
    w.write(
      LEVEL_2,
      fieldsOf('Image (a container image or OCI artifact)', [
        ['Reference', image.reference ?? ''],
        ['PullPolicy', image.pullPolicy ?? ''],
      ]),
    );
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/**
 * printCSIPersistentVolumeAttributesMultilineIndent, quirks included: every piece is written at
 * LEVEL_2, so the values carry the level's indent too.
 */
function printCSIAttributes(attrs: Readonly<Record<string, string>> | undefined, w: PrefixWriter): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attrs);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${k}=${attrs?.[k] ?? ''}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}
