CREATE TABLE `user_languages` (
	`user_id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`set_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `slack_users` ADD `locale` text;