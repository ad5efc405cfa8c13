"""HTTP only: each view reads through selectors/, validates with forms/, acts through the action registry
(requests_cms/actions.py) or a service, and fetches every request through access.case_for / request_for_user.

dashboard.py (dashboard, deadline explanation) · lists.py (list, export) · calculator.py · registration.py ·
case.py (case page, its actions) · uploads.py · letters.py · delivery.py (delivery page, challenges) ·
casefile.py · reports.py · fragments.py (the Jinja2 row fragments inside Django pages). Routes: requests_cms/urls.py.
"""
