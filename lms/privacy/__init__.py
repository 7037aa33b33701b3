"""Privacy by design (issue 15): the registry of personal information, the privacy page,
consents, downloading and erasing one's data, retention, the incidents' register."""
