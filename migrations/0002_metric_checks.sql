CREATE TABLE `metric_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`customer_value` real,
	`customer_metric` text,
	`business_value` real,
	`business_metric` text,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `metric_checkins_initiative` ON `metric_checkins` (`initiative_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `metric_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`kind` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`asked_at` integer,
	`verdict` text,
	`customer_value` real,
	`business_value` real,
	`verdict_posted_at` integer,
	`decision` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_checks_initiative_due` ON `metric_checks` (`initiative_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `metric_checks_status_due` ON `metric_checks` (`status`,`due_date`);