"""HTJ2K fixtures made by the real encoder: the native pixels of a DICOM file are compressed with OpenJPH's
ojph_compress and wrapped by pydicom as encapsulated Pixel Data under an HTJ2K transfer syntax. With
--reference, ojph_expand's decode of the same codestream is also written as a native DICOM file.

Usage: htj2k_fixture.py SRC OUT TRANSFER_SYNTAX_UID [--reference REF] -- [ojph_compress options...]
"""
import os
import subprocess
import sys
import tempfile

import pydicom
from pydicom._uid_dict import UID_dictionary
from pydicom.encaps import encapsulate

# pydicom 2.3 predates HTJ2K (PS3.5 2023): name its three transfer syntaxes so it writes them as compressed.
for uid, name in (("201", "Lossless Only"), ("202", "with RPCL Options (Lossless Only)"), ("203", "")):
    UID_dictionary.setdefault(
        "1.2.840.10008.1.2.4." + uid,
        ("High-Throughput JPEG 2000 Image Compression " + name, "Transfer Syntax", "", "", "HTJ2K" + uid))


def main(argv):
    sep = argv.index("--")
    head, ojph_args = argv[:sep], argv[sep + 1:]
    src, out, ts_uid = head[0], head[1], head[2]
    ref = head[head.index("--reference") + 1] if "--reference" in head else None
    ds = pydicom.dcmread(src)
    with tempfile.TemporaryDirectory() as tmp:
        raw, j2c = os.path.join(tmp, "in.raw"), os.path.join(tmp, "out.j2c")
        # ojph_compress 0.9 misreads signed raw samples narrower than their 16-bit container (its own
        # ojph_expand gets zeros back), so signed data are coded at the container's depth.
        bit_depth = ds.BitsAllocated if ds.PixelRepresentation == 1 else ds.BitsStored
        with open(raw, "wb") as f:
            f.write(ds.PixelData)
        subprocess.run(
            ["ojph_compress", "-i", raw, "-o", j2c,
             "-dims", "{%d,%d}" % (ds.Columns, ds.Rows), "-num_comps", "1",
             "-signed", "true" if ds.PixelRepresentation == 1 else "false",
             "-bit_depth", str(bit_depth), "-downsamp", "{1,1}", *ojph_args],
            check=True, capture_output=True)
        with open(j2c, "rb") as f:
            codestream = f.read()
        if ref:
            back = os.path.join(tmp, "back.raw")
            subprocess.run(["ojph_expand", "-i", j2c, "-o", back], check=True, capture_output=True)
            with open(back, "rb") as f:
                ds.PixelData = f.read()
            ds.save_as(ref, write_like_original=False)
    ds.PixelData = encapsulate([codestream])
    ds["PixelData"].VR = "OB"
    ds.file_meta.TransferSyntaxUID = ts_uid
    ds.is_little_endian, ds.is_implicit_VR = True, False
    if ts_uid.endswith(".203"):
        ds.LossyImageCompression = "01"
    ds.save_as(out, write_like_original=False)


if __name__ == "__main__":
    main(sys.argv[1:])
