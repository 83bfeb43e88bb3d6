"""Client-side search over every paragraph, built from the document model (never from HTML).

One module per seam (docs/search.md has the design and the numbers):

    text.py       folding, tokenizing, stemming rules and stopwords (the tables travel to the browser)
    records.py    what a result is (one record per title, heading, paragraph, item, footnote) and
                  where each report's records sit in the record ids
    analysis.py   one report's records as postings (cached per report)
    scoring.py    BM25 split so that a stored byte depends only on its own record; best postings
    postings.py   every term's full postings list, spliced report by report between builds
    format.py     the files, byte by byte, and how they are cut into shards and grouped in folders
    index.py      one language's index, made again only where an edit changed it
    cache.py      what a build keeps for the next one
    site.py       every search file of a site, and entry.json
    page.py       what `sitegen build` adds: the files and the /search/ page

The browser half is templates/assets/search/*.js (ES modules).
"""

from sitegen.render.search.cache import SearchCache
from sitegen.render.search.page import search_site_outputs
from sitegen.render.search.records import Record, report_body, report_records, report_year
from sitegen.render.search.site import build_search_outputs, search_files, write_outputs

__all__ = [
    "Record",
    "SearchCache",
    "build_search_outputs",
    "report_body",
    "report_records",
    "report_year",
    "search_files",
    "search_site_outputs",
    "write_outputs",
]
