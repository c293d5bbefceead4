CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`asking_dept` text NOT NULL,
	`asked_dept` text NOT NULL,
	`what` text NOT NULL,
	`by_date` text,
	`asker_id` text NOT NULL,
	`status` text NOT NULL,
	`answered_by` text,
	`answered_at` integer,
	`action_id` integer,
	`decline_reason` text,
	`bumped_at` integer,
	`escalated_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_status_created` ON `requests` (`status`,`created_at`);