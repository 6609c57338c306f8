"""Forms of the organiser workspace: shape only. Each turns what was posted into a change in
the data file's shape and hands it to a service, which checks it as the reader checks a
file; each puts the service's findings back next to the fields they name."""
