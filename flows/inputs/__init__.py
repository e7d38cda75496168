"""What a month reads: the export files (`extract` is the only module that reads them;
`spreadsheets` the workbooks' merged cells), their validation into one month's frames
(`validate`) and the scheme files (`schemes`)."""
