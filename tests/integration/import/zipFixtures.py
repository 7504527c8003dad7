"""Hostile .zip fixtures for tests/integration/import/zip*.test.ts (Python's zipfile writes what Info-ZIP refuses to).

usage: zipFixtures.py evil ZIP      append '../escape.txt', '/abs/evil.txt', 'C:/win/evil.txt', a character
                                    device, a FIFO and 'notes/readme.txt' (the only safe one) to ZIP
       zipFixtures.py bomb ZIP GIB  ZIP with GIB GiB of zeros in one deflated entry, streamed (never on disk)
       zipFixtures.py lie ZIP       ZIP whose entry declares 1000 bytes but inflates to 4 MiB
"""
import stat
import sys
import zipfile


def unix_entry(name, mode):
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


def evil(path):
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("../escape.txt"), b"escaped\n")
        z.writestr(zipfile.ZipInfo("/abs/evil.txt"), b"absolute\n")
        z.writestr(zipfile.ZipInfo("C:/win/evil.txt"), b"drive\n")
        z.writestr(unix_entry("dev/sda-device", stat.S_IFCHR | 0o644), b"")
        z.writestr(unix_entry("dev/pipe", stat.S_IFIFO | 0o644), b"")
        z.writestr(unix_entry("notes/readme.txt", stat.S_IFREG | 0o644), b"a safe entry\n")


def bomb(path, gib):
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("zeros.bin", "w", force_zip64=True) as f:
            for _ in range(int(gib * 1024)):
                f.write(chunk)


def lie(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("small.bin", bytes(4 << 20))
    data = bytearray(open(path, "rb").read())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 22 : local + 26] = (1000).to_bytes(4, "little")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    open(path, "wb").write(bytes(data))


if __name__ == "__main__":
    cmd, target = sys.argv[1], sys.argv[2]
    if cmd == "evil":
        evil(target)
    elif cmd == "bomb":
        bomb(target, float(sys.argv[3]))
    elif cmd == "lie":
        lie(target)
    else:
        sys.exit(__doc__)
