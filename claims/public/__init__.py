"""What readers see: pages, feeds, sitemaps and the rules for purging the public cache."""
