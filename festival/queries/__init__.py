"""Read models every output shares: the programme, a delegation's itinerary."""
