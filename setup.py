"""Packaging for Scrapyd: ``scrapyd-deploy`` builds an egg from this file."""
from pathlib import Path

from setuptools import find_packages, setup

# the packages requirements.txt names; its pip options (``-c constraints.txt``) are no requirements
REQUIREMENTS = [line.strip() for line in Path(__file__).with_name("requirements.txt").read_text().splitlines()
                if line.strip() and not line.startswith(("#", "-"))]

setup(
    name="crawler",
    version="0.1.0",
    packages=find_packages(include=["crawler", "crawler.*"]),
    package_data={"crawler": ["demo/data/*.txt", "schemas/*.json"]},
    python_requires=">=3.11",
    install_requires=REQUIREMENTS,
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=False,
)
