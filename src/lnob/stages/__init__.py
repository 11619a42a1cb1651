"""The build stages: execute (Papermill), render (Quarto or Pandoc), pdf (WeasyPrint), publish."""
