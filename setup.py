"""Package list for setuptools; everything else is declared in pyproject.toml.

The shipped rule packs and knowledge stay in ``rules/`` at the top of the repository, the one
place reviewers edit them. The wheel carries them as the package data ``engine/_rules`` so an
installed ``reliability`` finds them from any folder (see ``engine/paths.py``).
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["engine", "engine.*"],
                                       exclude=["*.__pycache__", "engine._rules*"]),
              "engine._rules", "engine._rules.knowledge"],
    package_dir={"engine._rules": "rules"},
)
