"""Annual report tables (国办公开办函〔2021〕30号), oversight statistics (考核) and the ledger import (issue 7)."""
