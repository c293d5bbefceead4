CREATE TABLE `vote_reactions` (
	`round_id` integer NOT NULL,
	`voter_id` text NOT NULL,
	`pain_point_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text NOT NULL,
	`event_micros` integer NOT NULL,
	PRIMARY KEY(`round_id`, `voter_id`, `pain_point_id`, `channel_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pain_point_id`) REFERENCES `pain_points`(`id`) ON UPDATE no action ON DELETE no action
);
