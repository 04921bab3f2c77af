"""Packaging for Scrapyd: ``scrapyd-deploy`` builds an egg from this file."""
from setuptools import find_packages, setup

setup(
    name="crawler",
    version="0.1.0",
    packages=find_packages(include=["crawler", "crawler.*"]),
    package_data={"crawler": ["demo/data/*.txt", "schemas/*.json"]},
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=False,
)
