# Receipt PDFs (issue #19): why a PDF gave no text, and the import's notice.

pdf-skip-not-pdf = not a PDF file
pdf-skip-too-large = a PDF of { $size_mib } MiB, larger than the { $max_mib } MiB read
pdf-skip-unreadable = a PDF that could not be read ({ $why })
pdf-skip-no-text-layer = a PDF without a text layer (a scanned image?): there is no text to read and no OCR here; attach it to its line by hand with `receipt attach`
pdf-skipped = PDF { $what } skipped: { $why }
