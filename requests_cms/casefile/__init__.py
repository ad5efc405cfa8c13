"""The case file (案卷): one paginated PDF in the order of domain.md §9, and a ZIP of the originals with a manifest."""
