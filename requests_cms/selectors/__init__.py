"""Every read a page needs, one module per thing read. Views call these; they never query themselves.

- rows.py: a request as a row of the list, the dashboard and the digest (plain values, one query per page), and the
  row's display values (links, workdays left).
- deadlines.py: the overdue and due-soon rules, as Q objects for the database and as functions for rows in memory.
- dashboard.py: the dashboard's sections from one read of the open requests.
- search.py: the list's word search.
- case.py: everything the case page shows, and the records of one request a page acts on.
- delivery.py: the delivery page: deliveries, timeliness, remedy periods, where the reply goes.
- applicants.py: the applicant look-up and probable repeats of registration.
- registration.py: the receipt date as the server derives it, for the registration page's preview.
"""
