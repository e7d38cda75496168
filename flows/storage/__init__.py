"""Where the pipeline keeps what it published: the warehouse (SQL and database access
live here only) and the archive of the files a run read."""
