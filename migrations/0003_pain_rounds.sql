CREATE TABLE `pain_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`text` text NOT NULL,
	`raised_by` text NOT NULL,
	`dept` text,
	`channel_id` text,
	`permalink` text,
	`source` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`carried_votes` integer DEFAULT 0 NOT NULL,
	`rounds_on` integer DEFAULT 0 NOT NULL,
	`adopted_initiative_id` integer,
	`adopted_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pain_points_status` ON `pain_points` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `round_options` (
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`pain_point_id` integer NOT NULL,
	`votes` integer,
	PRIMARY KEY(`round_id`, `position`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pain_point_id`) REFERENCES `pain_points`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_options_pain_point` ON `round_options` (`round_id`,`pain_point_id`);--> statement-breakpoint
CREATE TABLE `round_posts` (
	`round_id` integer NOT NULL,
	`binding_key` text NOT NULL,
	`outbox_key` text NOT NULL,
	`channel_id` text,
	`ts` text,
	PRIMARY KEY(`round_id`, `binding_key`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_posts_message` ON `round_posts` (`channel_id`,`ts`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_month` ON `rounds` (`month`);--> statement-breakpoint
CREATE INDEX `rounds_status` ON `rounds` (`status`,`opened_at`);--> statement-breakpoint
CREATE TABLE `votes` (
	`round_id` integer NOT NULL,
	`voter_id` text NOT NULL,
	`pain_point_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`dept` text NOT NULL,
	`voted_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `voter_id`, `pain_point_id`, `channel_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pain_point_id`) REFERENCES `pain_points`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `votes_pain_point` ON `votes` (`round_id`,`pain_point_id`);--> statement-breakpoint
ALTER TABLE `initiatives` ADD `pain_point_id` integer;