import { describe, expect, it } from 'vitest';
import { MemoryFileSystem, imageLayer } from './fs';

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
});
