CREATE TABLE "case" (
	id INTEGER NOT NULL, 
	title VARCHAR NOT NULL, 
	platform VARCHAR NOT NULL, 
	shop VARCHAR NOT NULL, 
	order_number VARCHAR NOT NULL, 
	amount VARCHAR NOT NULL, 
	complaint_type VARCHAR NOT NULL, 
	order_completed_on DATE, 
	requested_outcome VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	deleted_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE evidenceitem (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	stored_path VARCHAR NOT NULL, 
	original_name VARCHAR NOT NULL, 
	size_bytes INTEGER NOT NULL, 
	width INTEGER NOT NULL, 
	height INTEGER NOT NULL, 
	image_format VARCHAR NOT NULL, 
	imported_at DATETIME NOT NULL, 
	source_modified_at DATETIME, 
	kind VARCHAR NOT NULL, 
	kind_confirmed BOOLEAN NOT NULL, 
	caption VARCHAR NOT NULL, 
	ocr_status VARCHAR NOT NULL, 
	ocr_error VARCHAR NOT NULL, 
	ocr_text VARCHAR NOT NULL, 
	extractor_version VARCHAR NOT NULL, 
	order_numbers JSON, 
	timestamps JSON, 
	amounts JSON, 
	facts JSON, 
	user_facts JSON, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_item_case_sha256 UNIQUE (case_id, sha256), 
	FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE
);
CREATE INDEX ix_evidenceitem_case_id ON evidenceitem (case_id);
CREATE INDEX ix_evidenceitem_sha256 ON evidenceitem (sha256);
CREATE TABLE submission (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	submitted_on DATE NOT NULL, 
	channel VARCHAR NOT NULL, 
	reference VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	notes VARCHAR NOT NULL, 
	next_follow_up DATE, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE
);
CREATE INDEX ix_submission_case_id ON submission (case_id);
