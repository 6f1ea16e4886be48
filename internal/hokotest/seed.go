package hokotest

// Typed readers and seeding helpers for tags, partners and links; the rules
// of outofband.go apply to them.

// Tags returns every tag, in creation order (the API sorts them by id).
func (s *Server) Tags() []Tag { return convert(s.all(KindTag), asTag) }

// Tag returns the tag with that id.
func (s *Server) Tag(id string) (Tag, bool) { return one(s, KindTag, id, asTag) }

// TagByName returns the tag with exactly that name.
func (s *Server) TagByName(name string) (Tag, bool) {
	return byUnique(s, KindTag, tagName, name, asTag)
}

// SeedTag creates a tag out of band; an empty color means slate. It panics
// when the name is taken.
func (s *Server) SeedTag(name, color string) Tag {
	return asTag(s.seed(KindTag, []*string{&name, &color}, nil))
}

// SeedTags creates n slate tags named prefix-00001 and so on in one step.
// It panics when a name is taken.
func (s *Server) SeedTags(n int, prefix string) []Tag {
	return convert(s.seedN(KindTag, n, func(name string) []*string { return []*string{&name, nil} }, prefix), asTag)
}

// Partners returns every live partner, oldest first.
func (s *Server) Partners() []Partner { return convert(s.all(KindPartner), asPartner) }

// Partner returns the live partner with that id.
func (s *Server) Partner(id string) (Partner, bool) { return one(s, KindPartner, id, asPartner) }

// SeedPartner creates a partner out of band; nil email or phone is unset.
// Partner names are not unique, so it never panics.
func (s *Server) SeedPartner(name string, email, phone *string) Partner {
	return asPartner(s.seed(KindPartner, []*string{&name, email, phone}, nil))
}

// SeedPartners creates n partners named prefix-00001 and so on, without
// email or phone, in one step.
func (s *Server) SeedPartners(n int, prefix string) []Partner {
	return convert(s.seedN(KindPartner, n, func(name string) []*string { return []*string{&name, nil, nil} }, prefix), asPartner)
}

// Links returns every live link, oldest first.
func (s *Server) Links() []Link { return convert(s.all(KindLink), asLink) }

// Link returns the live link with that id.
func (s *Server) Link(id string) (Link, bool) { return one(s, KindLink, id, asLink) }

// LinkByExternalID returns the live link with that external id.
func (s *Server) LinkByExternalID(externalID string) (Link, bool) {
	return byUnique(s, KindLink, linkExternalID, externalID, asLink)
}

// SeedLink creates a link out of band from l's URL, CollectionID, optional
// members and UTM; the id, short id and timestamps are assigned as the API
// assigns them. Neither the URL nor the collection is checked, so a test
// can plant a link into a deleted collection, as the API allows. It panics
// when the external id is taken by a live link.
func (s *Server) SeedLink(l Link) Link {
	vals := []*string{&l.URL, &l.CollectionID, l.Title, l.Description, l.Image, l.ExternalID, l.TenantID, l.PartnerID}
	return asLink(s.seed(KindLink, vals, utmSlice(l.UTM)))
}

// SeedLinks creates n links in the collection in one step, to
// https://example.com/prefix-00001 and so on, with no other member set.
func (s *Server) SeedLinks(n int, collectionID, prefix string) []Link {
	return convert(s.seedN(KindLink, n, func(name string) []*string {
		u := "https://example.com/" + name
		return []*string{&u, &collectionID, nil, nil, nil, nil, nil, nil}
	}, prefix), asLink)
}
