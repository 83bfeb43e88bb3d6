"""The PDF reader: pdfplumber characters -> `DraftReport`. See the step modules beside this file."""
