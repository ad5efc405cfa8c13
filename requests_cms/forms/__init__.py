"""Every form of the staff pages, one module per area. Forms only validate; views call the services.

- fields.py: the shared field helpers (Chinese messages) and the two bases: ChineseForm, and VersionedForm, which every
  form that changes a request extends: it carries the version the user saw, and a missing version is a form error.
- registration.py: registering a request. actions.py: the case page's actions. delivery.py: the delivery page
  (one form per delivery action, also used by the case page's deliver and file_proof). challenges.py:
  reconsiderations and lawsuits. documents.py: uploads and letter text. lists.py: the list's filters and the deadline
  calculator. widgets.py: form widgets.
"""
