"""Which parts of Qt's ICU data the Linux bundle keeps (packaging/linux/icu_data.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_icu_data():
    # By path: packaging/ is no package (it would shadow PyPI's packaging).
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "linux" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEPT = [
    "root.res", "en.res", "en_US.res", "en_GB.res", "en_001.res", "pool.res", "res_index.res",
    "likelySubtags.res", "supplementalData.res", "plurals.res", "zoneinfo64.res", "timezoneTypes.res",
    "cnvalias.icu", "uts46.nrm", "nfkc.nrm", "unames.icu",
    "coll/root.res", "coll/ucadata.icu", "coll/en.res", "coll/res_index.res",
    "zone/root.res", "zone/en.res", "zone/pool.res", "curr/supplementalData.res", "brkitr/res_index.res",
]  # fmt: skip
DROPPED = [
    "de.res", "sv_SE.res", "zh_Hant_TW.res", "ars.res", "en_US_POSIX.res", "ff_Adlm_BF.res",
    "coll/de.res", "coll/de_.res", "coll/de__PHONEBOOK.res", "zone/ja.res", "lang/fr_CA.res",
    "ibm-1252_P100-2000.cnv", "gb18030.cnv", "brkitr/root.res", "brkitr/cjdict.dict", "brkitr/line.brk",
]  # fmt: skip


def test_the_bundle_keeps_icus_core_root_and_english_data_and_drops_the_rest():
    icu_data = load_icu_data()
    assert icu_data.unwanted(KEPT + DROPPED) == DROPPED
