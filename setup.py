"""The one thing pyproject.toml cannot say: assets/ (top of the repository, where tools/ write the sounds
and pictures) travels inside the package as relaxapp/assets, so an installed wheel finds it beside the code.
Folders of data (content/routines, assets/audio/voice, ...) are namespace packages, so that their files are
package data like any other."""

from setuptools import find_namespace_packages, setup

ASSETS = ["relaxapp.assets", *(f"relaxapp.assets.{name}" for name in find_namespace_packages(where="assets"))]

setup(
    packages=[
        *find_namespace_packages(include=["relaxapp", "relaxapp.*"], exclude=["*.__pycache__"]),
        *ASSETS,
    ],
    package_dir={"relaxapp.assets": "assets"},
)
