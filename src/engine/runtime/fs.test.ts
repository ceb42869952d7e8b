import { describe, expect, it } from 'vitest';
import { MemoryFileSystem, MountedFileSystem, directoryFileSystem, imageLayer } from './fs';

const image = imageLayer({ '/etc/nginx/nginx.conf': 'worker_processes auto;\n', '/usr/share/nginx/html/index.html': '<h1>hi</h1>\n' }, ['/var/log/nginx']);
const container = () => new MemoryFileSystem({ '/etc/hostname': 'web\n' }, [], { lower: image });

describe('container file systems', () => {
  it('[KL18] a container reads its image\'s files and the runtime\'s, and lists both', () => {
    const fs = container();
    expect(fs.read('/etc/nginx/nginx.conf')).toBe('worker_processes auto;\n');
    expect(fs.read('/etc/hostname')).toBe('web\n');
    expect(fs.list('/etc')).toEqual(['hostname', 'nginx']);
    expect(fs.stat('/var/log/nginx')).toBe('dir');
    expect(fs.read('/usr/share/nginx/html')).toBe('EISDIR');
    expect(fs.read('/nope')).toBe('ENOENT');
  });

  it('[KL18] writes and removals stay in the container: another container of the image sees the image', () => {
    const a = container();
    const b = container();
    expect(a.write('/usr/share/nginx/html/index.html', 'changed\n')).toBeUndefined();
    expect(a.write('/var/log/nginx/access.log', 'GET /\n', true)).toBeUndefined();
    expect(a.write('/var/log/nginx/access.log', 'GET /x\n', true)).toBeUndefined();
    expect(a.remove('/etc/nginx', true)).toBeUndefined();
    expect(a.read('/usr/share/nginx/html/index.html')).toBe('changed\n');
    expect(a.read('/var/log/nginx/access.log')).toBe('GET /\nGET /x\n');
    expect(a.read('/etc/nginx/nginx.conf')).toBe('ENOENT');
    expect(a.stat('/etc/nginx')).toBeUndefined();
    expect(a.list('/etc')).toEqual(['hostname']);

    expect(b.read('/usr/share/nginx/html/index.html')).toBe('<h1>hi</h1>\n');
    expect(b.read('/var/log/nginx/access.log')).toBe('ENOENT');
    expect(b.list('/etc')).toEqual(['hostname', 'nginx']);
  });

  it('[KL18] a removed image directory can be made again, empty', () => {
    const fs = container();
    expect(fs.remove('/etc/nginx')).toBe('EISDIR');
    expect(fs.remove('/etc/nginx', true)).toBeUndefined();
    expect(fs.mkdir('/etc/nginx')).toBeUndefined();
    expect(fs.list('/etc/nginx')).toEqual([]);
    expect(fs.write('/etc/nginx/nginx.conf/x', '')).toBe('ENOENT');
    expect(fs.mkdir('/a/b')).toBe('ENOENT');
    expect(fs.mkdir('/a/b', true)).toBeUndefined();
    expect(fs.write('/etc/hostname/x', '')).toBe('ENOTDIR');
  });

  it('[KL18] read-only mounts refuse writes with EROFS', () => {
    const fs = new MemoryFileSystem({ '/etc/config/key': 'v' }, [], { lower: image, readOnly: ['/etc/config'] });
    expect(fs.write('/etc/config/key', 'x')).toBe('EROFS');
    expect(fs.remove('/etc/config/key')).toBe('EROFS');
    expect(fs.read('/etc/config/key')).toBe('v');
  });

  it('[KL23] a bind mount hides the image\'s directory, shows the volume as it is now, and is read-only', () => {
    const volume = { content: directoryFileSystem({ '/default.conf': 'server {}\n', '/conf/extra.conf': 'x\n' }) };
    const live = {
      stat: (p: string) => volume.content.stat(p),
      read: (p: string) => volume.content.read(p),
      write: (p: string, d: string) => volume.content.write(p, d),
      remove: (p: string) => volume.content.remove(p),
      mkdir: (p: string) => volume.content.mkdir(p),
      list: (p: string) => volume.content.list(p),
    };
    const fs = new MountedFileSystem(container(), [
      { containerPath: '/etc/nginx', source: live, readOnly: true },
      { containerPath: '/srv/app/default.conf', source: volume.content, sourcePath: '/default.conf', readOnly: true },
    ]);
    expect(fs.list('/etc/nginx')).toEqual(['conf', 'default.conf']);
    expect(fs.read('/etc/nginx/nginx.conf')).toBe('ENOENT');
    expect(fs.list('/etc')).toEqual(['hostname', 'nginx']);
    expect(fs.list('/srv/app')).toEqual(['default.conf']);
    expect(fs.read('/srv/app/default.conf')).toBe('server {}\n');
    expect(fs.write('/etc/nginx/default.conf', 'y')).toBe('EROFS');
    expect(fs.remove('/etc/nginx/conf/extra.conf')).toBe('EROFS');
    expect(fs.mkdir('/etc/nginx/new')).toBe('EROFS');
    expect(fs.write('/tmp-file', 'ok')).toBeUndefined();
    volume.content = directoryFileSystem({ '/default.conf': 'server { listen 81; }\n' });
    expect(fs.list('/etc/nginx')).toEqual(['default.conf']);
    expect(fs.read('/etc/nginx/default.conf')).toBe('server { listen 81; }\n');
    expect(fs.read('/srv/app/default.conf')).toBe('server {}\n');
  });
});
